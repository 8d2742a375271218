"""Tables in the Open Referral UK 3.0 / HSDS 3.0 shape, with the standard's names.

Dates and times the standard carries as strings (assured_date, opens_at, ...) are kept
as the ISO strings the standard uses, so the API is a serialisation, not a translation.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

ID = 36  # a UUID in its canonical text form


class Organization(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    name: str
    alternate_name: str | None = None
    description: str | None = None
    email: str | None = None
    website: str | None = None
    logo: str | None = None
    uri: str | None = None
    parent_organization_id: str | None = Field(default=None, max_length=ID)


class OrganizationIdentifier(SQLModel, table=True):
    __tablename__ = "organization_identifier"
    id: str = Field(primary_key=True, max_length=ID)
    organization_id: str = Field(foreign_key="organization.id", index=True)
    identifier_scheme: str | None = None
    identifier_type: str
    identifier: str = Field(index=True)


class Service(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    organization_id: str | None = Field(
        default=None, foreign_key="organization.id", index=True
    )
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str = "active"
    interpretation_services: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    wait_time: str | None = None
    fees: str | None = None
    accreditations: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    assurer_email: str | None = None
    alert: str | None = None
    last_modified: str | None = None


class Location(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    location_type: str = "physical"
    name: str | None = None
    alternate_name: str | None = None
    description: str | None = None
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    external_identifier: str | None = None
    external_identifier_type: str | None = None


class Address(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    location_id: str = Field(foreign_key="location.id", index=True)
    attention: str | None = None
    address_1: str
    address_2: str | None = None
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str = "GB"
    address_type: str = "physical"


class ServiceAtLocation(SQLModel, table=True):
    __tablename__ = "service_at_location"
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str = Field(foreign_key="service.id", index=True)
    location_id: str = Field(foreign_key="location.id", index=True)
    description: str | None = None


class Contact(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True)
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None


class Phone(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True)
    contact_id: str | None = Field(default=None, foreign_key="contact.id", index=True)
    number: str
    extension: str | None = None
    type: str | None = None
    description: str | None = None


class Schedule(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str | None = Field(default=None, foreign_key="service.id", index=True)
    service_at_location_id: str | None = Field(default=None, max_length=ID)
    valid_from: str | None = None
    valid_to: str | None = None
    dtstart: str | None = None
    until: str | None = None
    count: int | None = None
    wkst: str | None = None
    freq: str | None = None
    interval: int | None = None
    byday: str | None = None
    byweekno: str | None = None
    bymonthday: str | None = None
    byyearday: str | None = None
    description: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    schedule_link: str | None = None
    attending_type: str | None = None
    notes: str | None = None


class CostOption(SQLModel, table=True):
    __tablename__ = "cost_option"
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str = Field(foreign_key="service.id", index=True)
    valid_from: str | None = None
    valid_to: str | None = None
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None


class ServiceArea(SQLModel, table=True):
    __tablename__ = "service_area"
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str = Field(foreign_key="service.id", index=True)
    name: str | None = None
    description: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None


class Language(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str = Field(foreign_key="service.id", index=True)
    name: str | None = None
    code: str | None = None
    note: str | None = None


class Accessibility(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    location_id: str = Field(foreign_key="location.id", index=True)
    description: str | None = None
    details: str | None = None
    url: str | None = None
    accessibility: str | None = None


class Funding(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    service_id: str = Field(foreign_key="service.id", index=True)
    source: str | None = None


class Taxonomy(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    name: str = Field(index=True)
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTerm(SQLModel, table=True):
    __tablename__ = "taxonomy_term"
    id: str = Field(primary_key=True, max_length=ID)
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = Field(default=None, max_length=ID)
    taxonomy: str | None = None
    taxonomy_id: str | None = Field(default=None, foreign_key="taxonomy.id")
    term_uri: str | None = None


class Attribute(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=ID)
    link_id: str = Field(index=True, max_length=ID)
    link_type: str | None = None
    link_entity: str = "service"
    taxonomy_term_id: str = Field(foreign_key="taxonomy_term.id", index=True)
    value: str | None = None
    label: str | None = None
