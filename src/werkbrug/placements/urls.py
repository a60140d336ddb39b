from django.urls import path

from werkbrug.placements.views import gaps as gap_views
from werkbrug.placements.views import matching, rounds
from werkbrug.placements.views import register as views

app_name = "placements"
urlpatterns = [
    path("workplaces/", views.workplace_list, name="workplaces"),
    path("workplaces/add/", views.workplace_add, name="workplace_add"),
    path("workplaces/import/", views.workplace_import, name="workplace_import"),
    path("workplaces/<int:pk>/", views.workplace_detail, name="workplace"),
    path("workplaces/<int:pk>/edit/", views.workplace_edit, name="workplace_edit"),
    path("workplaces/<int:pk>/competences/", views.workplace_competences, name="workplace_competences"),
    path("workplaces/<int:pk>/mentors/", views.workplace_mentors, name="workplace_mentors"),
    path("workplaces/<int:pk>/mentors/training/", views.mentor_training_add, name="mentor_training_add"),
    path("workplaces/<int:pk>/places/", views.workplace_capacity, name="workplace_capacity"),
    path("workplaces/<int:pk>/recognition/", views.recognition_apply_view, name="recognition_apply"),
    path("recognitions/", views.recognition_list, name="recognitions"),
    path("recognitions/<int:pk>/", views.recognition_review, name="recognition"),
    path("recognitions/<int:pk>/withdraw/", views.recognition_withdraw_view, name="recognition_withdraw"),
    path("learners/<int:pk>/suggestions/", matching.learner_suggestions, name="learner_suggestions"),
    path("workplaces/<int:pk>/candidates/", matching.workplace_candidates, name="workplace_candidates"),
    path("applications/", matching.application_list, name="applications"),
    path("applications/<int:pk>/", matching.application_detail, name="application"),
    path("applications/<int:pk>/<slug:action>/", matching.application_act, name="application_act"),
    path("my-places/", matching.my_places, name="my_places"),
    path("gaps/", gap_views.gap_map, name="gaps"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/publish/", rounds.round_publish_view, name="round_publish"),
]
