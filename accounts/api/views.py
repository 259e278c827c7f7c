from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.authentication import ApiTokenAuthentication
from accounts.api.serializers import TokenRequestSerializer, TokenSerializer
from accounts.services import api_token_create


class TokenCreateView(APIView):
    """Exchange a username and password for a new personal API token."""

    permission_classes = [AllowAny]
    # No session authentication here: the credentials are in the body, so no CSRF token is
    # needed; the token class stays so that a wrong password is a 401, not a 403.
    authentication_classes = [ApiTokenAuthentication]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={201: TokenSerializer},
        auth=[],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            raise AuthenticationFailed("Wrong username or password.")
        token, key = api_token_create(user=user, name=data.validated_data["name"])
        body = {"id": token.pk, "name": token.name, "token": key, "created_at": token.created_at}
        return Response(TokenSerializer(body).data, status=status.HTTP_201_CREATED)
