from django.urls import path

from werkbrug.competences import views

app_name = "competences"
urlpatterns = [
    path("", views.framework_list, name="frameworks"),
    path("add/", views.framework_add, name="framework_add"),
    path("<slug:code>/", views.framework_detail, name="framework"),
    path("<slug:code>/import/", views.framework_import_view, name="import"),
]
