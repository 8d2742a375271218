"""The social prescribing directory: a Flask application over one store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from directory_app import auth, cli, config, db, security
from directory_app.config import PROJECT_ROOT


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Configure the app and register its blueprints; connect to nothing yet."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    instance = Path(app.instance_path)
    app.config.from_mapping(config.defaults(instance))
    if test_config is None:
        app.config.from_mapping(config.from_environment(instance))
    else:
        app.config.from_mapping(test_config)
    db.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    cli.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Register one blueprint per audience.

    public: residents searching without an account (search, listings, the list
    saved on their device, reporting a problem).
    accounts: signing in and out (professionals, providers, staff).
    professional: GPs, nurses and link workers, signed in (/pro).
    provider: VCS groups keeping their own listings right, signed in (/provider);
      their ways in without an account (claims, "still accurate" links) are on
      accounts.
    admin: directory staff, signed in (/admin).
    api: other systems, through the Open Referral UK 3.0 API (/api/oruk);
      exports: the whole published directory in HSDS 3.0 (/exports).
    health: operators and load balancers (/healthz).
    """
    from directory_app.web import (  # noqa: F401  (modules adding routes to others)
        accounts,
        admin,
        admin_accounts,
        admin_activity,
        admin_console,
        admin_listings,
        admin_sources,
        api,
        exports,
        health,
        professional,
        provider,
        provider_access,
        provider_edit,
        public,
        report,
        saved,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(professional.bp)
    app.register_blueprint(provider.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(exports.bp)
    public.register_template_helpers(app)
