from django.urls import path

from werkbrug.learners import views

app_name = "learners"
urlpatterns = [
    path("", views.learner_list, name="list"),
    path("add/", views.learner_add, name="add"),
    path("import/", views.learner_import, name="import"),
    path("my-wishes/", views.my_wishes, name="my_wishes"),
    path("<int:pk>/", views.learner_detail, name="detail"),
    path("<int:pk>/edit/", views.learner_edit, name="edit"),
    path("<int:pk>/support/", views.learner_support, name="support"),
    path("<int:pk>/support/withdraw/", views.support_withdraw, name="support_withdraw"),
]
