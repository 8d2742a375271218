"""Every table of the store, importable from one place."""

from sqlalchemy import Table
from sqlmodel import SQLModel

from directory_app.models.checks import LinkCheck, SchedulerLease, SearchGap
from directory_app.models.directory import (
    ChangeLog,
    DuplicateCandidate,
    FieldProvenance,
    ImportProblem,
    ImportRun,
    JobRun,
    ListingVersion,
    Postcode,
    ProblemReport,
    ProfessionalDetails,
    ReviewState,
    SignInLink,
    Source,
    SourceRecord,
    SuggestedUpdate,
    User,
    UserOrganization,
    utcnow,
)
from directory_app.models.hsds import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory_app.models.providers import (
    OrganizationClaim,
    ProposedChange,
    TrustedOrganization,
    Verification,
)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a model, for bulk statements."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "ChangeLog",
    "Contact",
    "CostOption",
    "DuplicateCandidate",
    "FieldProvenance",
    "Funding",
    "ImportProblem",
    "ImportRun",
    "JobRun",
    "Language",
    "LinkCheck",
    "ListingVersion",
    "Location",
    "Organization",
    "OrganizationClaim",
    "OrganizationIdentifier",
    "Phone",
    "Postcode",
    "ProblemReport",
    "ProfessionalDetails",
    "ProposedChange",
    "ReviewState",
    "Schedule",
    "SchedulerLease",
    "SearchGap",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "SignInLink",
    "Source",
    "SourceRecord",
    "SuggestedUpdate",
    "Taxonomy",
    "TaxonomyTerm",
    "TrustedOrganization",
    "User",
    "UserOrganization",
    "Verification",
    "table_of",
    "utcnow",
]
