-- Tenancy: users, sign-in directory, API keys, refresh tokens, audit trail, Data Protection keys.
-- Every tenant table is guarded by row-level security on app.tenant_id, which the application sets per transaction.
-- The application connects as ecomops_app, which owns nothing, so the policies always apply to it.

do $$
begin
    create role ecomops_app login;
exception when duplicate_object then null;
end
$$;

create table if not exists tenant_users (
    tenant_id        uuid not null,
    user_id          uuid not null,
    email            text not null,
    display_name     text not null,
    role             text not null check (role in ('Owner', 'Admin', 'Operator', 'Viewer')),
    password_hash    text not null,
    failed_sign_ins  integer not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, user_id)
);
create unique index if not exists tenant_users_email on tenant_users (tenant_id, lower(email));

-- Which tenant an email signs in to. Readable only for the email being signed in (app.sign_in_email) or by its tenant.
create table if not exists user_directory (
    email      text primary key,
    tenant_id  uuid not null,
    user_id    uuid not null
);

create table if not exists api_keys (
    tenant_id     uuid not null,
    key_id        uuid not null,
    name          text not null,
    scope         text not null check (scope in ('Read', 'Operate', 'Admin')),
    prefix        text not null,
    secret_hash   bytea not null,
    created_by    text not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    primary key (tenant_id, key_id)
);

create table if not exists refresh_tokens (
    tenant_id    uuid not null,
    token_id     uuid not null,
    family_id    uuid not null,
    user_id      uuid not null,
    token_hash   bytea not null,
    issued_at    timestamptz not null default now(),
    expires_at   timestamptz not null,
    rotated_at   timestamptz,
    revoked_at   timestamptz,
    primary key (tenant_id, token_id)
);
create index if not exists refresh_tokens_family on refresh_tokens (tenant_id, family_id);

create table if not exists audit_events (
    tenant_id       uuid not null,
    event_id        bigint generated always as identity,
    occurred_at     timestamptz not null default now(),
    actor_type      text not null,
    actor_id        text not null,
    actor_name      text not null,
    action          text not null,
    target          text not null,
    outcome         text not null,
    correlation_id  text,
    details         jsonb,
    primary key (tenant_id, event_id)
);
create index if not exists audit_events_recent on audit_events (tenant_id, event_id desc);
create index if not exists audit_events_action on audit_events (tenant_id, action, event_id desc);

-- Shared by every web frontend instance so cookies and protected data survive restarts and load balancing.
create table if not exists data_protection_keys (
    id             bigint generated always as identity primary key,
    friendly_name  text,
    xml            text not null,
    created_at     timestamptz not null default now()
);

-- The one rule every tenant table follows, for this and every later feature's migrations: rows are visible and
-- writable only while app.tenant_id names their tenant. Without it set, nothing is.
create or replace function ecomops_tenant_isolation(target regclass) returns void language plpgsql as $$
begin
    execute format('alter table %s enable row level security', target);
    execute format(
        'create policy tenant_isolation on %s using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
        'with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', target);
end
$$;

select ecomops_tenant_isolation('tenant_users');
select ecomops_tenant_isolation('api_keys');
select ecomops_tenant_isolation('refresh_tokens');
select ecomops_tenant_isolation('audit_events');

alter table user_directory enable row level security;
create policy tenant_isolation on user_directory
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or email = nullif(current_setting('app.sign_in_email', true), ''))
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant usage on schema public to ecomops_app;
grant select, insert, update, delete on tenant_users, api_keys, refresh_tokens, user_directory to ecomops_app;
-- The audit trail is append-only for the application: no update, no delete.
grant select, insert on audit_events to ecomops_app;
grant select, insert on data_protection_keys to ecomops_app;
