from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "werkbrug.demo"
    verbose_name = "Demo"
