from werkbrug.trajectories.views import evaluations, followup, lifecycle, overview, pdf, plan, region, terms

app_name = "trajectories"
urlpatterns = [
    *overview.urlpatterns,
    *plan.urlpatterns,
    *pdf.urlpatterns,
    *evaluations.urlpatterns,
    *followup.urlpatterns,
    *lifecycle.urlpatterns,
    *terms.urlpatterns,
    *region.urlpatterns,
]
