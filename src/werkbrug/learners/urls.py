from django.urls import path

from werkbrug.learners import views

app_name = "learners"
urlpatterns = [
    path("<int:pk>/", views.learner_detail, name="detail"),
]
