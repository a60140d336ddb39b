from django.urls import path

from werkbrug.people import views

app_name = "people"
urlpatterns = [
    path("role/", views.role_switch, name="role_switch"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw_view, name="invitation_withdraw"),
    path("invite/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
]
