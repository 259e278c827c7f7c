"""OpenAPI additions that apply to every operation: a summary for each (descriptions come from
the views' docstrings), the error answers any call may get, and reads open to everyone."""

# A short title for every operation, as a third party reads the list in /api/docs/.
SUMMARIES = {
    "auth_token_create": "Get a personal API token",
    "people_list": "List people",
    "people_retrieve": "Get a person",
    "people_review_create": "Approve or reject a proposed person (moderators)",
    "works_review_create": "Approve or reject a proposed drama or film (moderators)",
    "references_create": "Add reference media to the library (moderators)",
    "reports_create": "Report a rumor, link or evidence item",
    "reports_decision_create": "Decide a report (moderators)",
    "rumors_list": "List rumors",
    "rumors_create": "Submit a rumor",
    "rumors_retrieve": "Get a rumor",
    "rumors_claimreview_retrieve": "Get a rumor's ClaimReview JSON-LD",
    "rumors_evidence_create": "Propose or add evidence",
    "rumors_reject_create": "Reject a rumor as spam (moderators)",
    "rumors_merge_create": "Merge a rumor into another (moderators)",
    "rumors_sources_create": "Add a re-upload of the same clip",
    "rumors_translation_create": "Add a rumor's text in the other language (moderators)",
    "rumors_timeline_list": "List a rumor's timeline",
    "rumors_votes_create": "Vote on a verdict (moderators)",
    "sources_retrieve": "Get a link",
    "media_links_create": "Confirm or split similar media (moderators)",
    "timeline_list": "Follow the site-wide timeline",
    "works_list": "List dramas and films",
    "works_retrieve": "Get a drama or film",
    "lookup_retrieve": "Look up a link",
    "lookup_create": "Look up many links",
    "webhooks_list": "List your webhooks",
    "webhooks_create": "Register a webhook",
    "webhooks_retrieve": "Get one of your webhooks",
    "webhooks_partial_update": "Change one of your webhooks",
    "webhooks_destroy": "Delete one of your webhooks",
    "webhooks_deliveries_list": "List a webhook's last deliveries",
}
# Reads that are a member's own: no anonymous access.
MEMBERS_ONLY_PATHS = ("/api/v1/webhooks/",)
# Reads need no account (an account may see more: moderators, a member's own submissions).
OPTIONAL_AUTH = {}

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
            operation["summary"] = SUMMARIES[operation["operationId"]]
            if method == "get" and not path.startswith(MEMBERS_ONLY_PATHS):
                named = [scheme for scheme in operation.get("security", []) if scheme]
                operation["security"] = [OPTIONAL_AUTH, *named]
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
