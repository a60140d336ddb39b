from django.urls import path

from werkbrug.privacy import views

app_name = "privacy"
urlpatterns = [
    path("learners/<int:learner_pk>/reads/", views.file_reads, name="file_reads"),
]
