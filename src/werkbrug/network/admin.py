from django.contrib import admin

from werkbrug.network.models import MentorTraining


@admin.register(MentorTraining)
class MentorTrainingAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "provider", "completed_on"]
    raw_id_fields = ["person"]
