from django.urls import path

from werkbrug.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/sites/add/", views.site_add, name="site_add"),
    path("sites/", views.site_list, name="sites"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/add/", views.programme_add, name="programme_add"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/import/", views.programme_import, name="programme_import"),
]
