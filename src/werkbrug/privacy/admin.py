from django.contrib import admin

from werkbrug.privacy.models import FileRead


@admin.register(FileRead)
class FileReadAdmin(admin.ModelAdmin):
    list_display = ["at", "reader", "reader_role", "learner", "what"]
    list_select_related = ["reader", "learner__user"]
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
