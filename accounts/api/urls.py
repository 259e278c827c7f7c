from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenCreateView.as_view(), name="token"),
]
