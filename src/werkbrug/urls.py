from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from werkbrug import views
from werkbrug.api.api import api
from werkbrug.people.forms import LoginForm
from werkbrug.people.views import home

admin.site.site_header = _("werkbrug administration")
admin.site.site_title = "werkbrug"

auth_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", home, name="home"),
    path("account/", include(auth_patterns)),
    path("people/", include("werkbrug.people.urls")),
    path("learners/", include("werkbrug.learners.urls")),
    path("organisations/", include("werkbrug.organisations.urls")),
    path("competences/", include("werkbrug.competences.urls")),
    path("register/", include("werkbrug.placements.urls")),
    path("trajectories/", include("werkbrug.trajectories.urls")),
    path("privacy/", include("werkbrug.privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
