from django.urls import path

from apps.accounts.views import two_factor_setup

app_name = "accounts"
urlpatterns = [path("two-factor/", two_factor_setup, name="two-factor")]
