from django.core.management.base import BaseCommand, CommandParser

from werkbrug.trajectories.tasks import reminders_send


class Command(BaseCommand):
    help = (
        "Queue today's e-mail reminders (evaluations and agreements due) for the task worker. "
        "Run it once a day, e.g. from cron or a systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Send them now, without the task worker.")
        parser.add_argument("--language", default="", help="nl or en (default: LANGUAGE_CODE).")

    def handle(self, *args: object, now: bool, language: str, **options: object) -> None:
        if now:
            sent = reminders_send.call(language)
            if int(options["verbosity"]):
                self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder e-mail(s)."))
            return
        result = reminders_send.enqueue(language)
        if int(options["verbosity"]):
            self.stdout.write(self.style.SUCCESS(f"Queued the reminders for the task worker ({result.id})."))
