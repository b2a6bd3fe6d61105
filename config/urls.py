from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from apps.accounts.forms import SecondFactorLoginForm
from apps.core.views import healthz

admin.site.site_header = "ChildTrace: case database"
admin.site.site_title = "ChildTrace"
admin.site.index_title = "Records"
# The login asks for the second factor's code of an account that has one.
admin.site.login_form = SecondFactorLoginForm
admin.site.login_template = "accounts/login.html"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("account/", include("apps.accounts.urls")),
    path("api/v1/", include(("config.api_router", "api"), namespace="api")),
]

handler400 = "apps.core.views.bad_request"
handler404 = "apps.core.views.page_not_found"
handler500 = "apps.core.views.server_error"
