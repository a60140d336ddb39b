import os
import subprocess
import sys

import pytest

# Production-like environment, as .ci/run uses it for `werkbrug check --deploy`.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-with-enough-entropy-0123456789abcdefghij",
    "ALLOWED_HOSTS": "werkbrug.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    for name in ("HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # set by the test run, not by a deployment
        clean.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "werkbrug", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check", env={k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_bad_value_is_named_in_the_error():
    result = _run("check", env={**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_the_deploy_check_is_clean_with_production_settings():
    result = _run("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_the_werkbrug_command_is_django_admin_with_our_settings():
    result = _run("diffsettings", env=PRODUCTION)
    assert "TIME_ZONE = 'Europe/Brussels'" in result.stdout
    assert "LANGUAGE_CODE = 'nl'" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
