"""OpenAPI additions that apply to every operation: the error answers any call may get."""

ERROR = {"$ref": "#/components/schemas/Error"}

COMMON = {
    "401": "The token or session is not valid.",
    "429": "Too many requests: wait as many seconds as the Retry-After header says.",
}
BY_METHOD = {
    "get": {
        "400": "A filter value is not valid; each bad parameter is named with its messages.",
        "404": "No such object, page or cursor.",
    },
    "post": {
        "400": "The input is not valid; each bad field is named with its messages.",
        "403": "Not allowed (or a session request without its CSRF token).",
    },
}
CONDITIONAL_PATHS = ("/timeline/", "}/", "/claimreview/")


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook."""
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, text in {**COMMON, **BY_METHOD.get(method, {})}.items():
                responses.setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ERROR}}}
                )
            for parameter in operation.get("parameters", []):
                # Ids in paths are non-negative: the URL patterns take digits only.
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"]["minimum"] = 0
            if method == "get" and path.endswith(CONDITIONAL_PATHS):
                responses["304"] = {"description": "Not modified since the ETag or date sent."}
    return result
