"""Sign-in, sign-out, password change and reset, and self sign-up (not namespaced: Django's
auth views find each other by these names)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.urls import path
from django.utils.functional import lazy
from django.utils.safestring import SafeString

from profiles import views

# Django builds this help text once at import; lazily it follows each visitor's language.
password_help = {"password_help": lazy(password_validators_help_text_html, SafeString)()}

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # POST only (Django 5): a link or a prefetch cannot log anyone out.
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(extra_context=password_help),
        name="password_change",
    ),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(extra_email_context={"site_name": settings.SITE_NAME}),
        name="password_reset",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=password_help),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("signup/", views.signup, name="signup"),
]
