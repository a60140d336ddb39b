from django.contrib import admin

from werkbrug.learners.models import LearnerProfile


@admin.register(LearnerProfile)
class LearnerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "school"]
    list_select_related = ["user", "school"]
    list_filter = ["school"]
    search_fields = ["user__full_name", "user__email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["parents"]
