-- Cluster runtime backbone: membership, grain state, reminders.
-- Clusters (one deployment of silos) and services (the state that outlives deployments) share one database.

create table if not exists rt_membership_version (
    cluster_id  text primary key,
    version     bigint not null,
    updated_at  timestamptz not null default now()
);

create table if not exists rt_membership (
    cluster_id    text not null,
    address       text not null,
    port          integer not null,
    generation    bigint not null,
    status        text not null check (status in ('Joining', 'Active', 'ShuttingDown', 'Dead')),
    host_name     text not null,
    start_time    timestamptz not null,
    heartbeat_at  timestamptz not null,
    primary key (cluster_id, address, port, generation)
);

create table if not exists rt_grain_state (
    service_id  text not null,
    grain_type  text not null,
    grain_key   text not null,
    state_name  text not null,
    payload     jsonb,
    version     bigint not null,
    updated_at  timestamptz not null default now(),
    primary key (service_id, grain_type, grain_key, state_name)
);

create table if not exists rt_reminders (
    service_id  text not null,
    grain_type  text not null,
    grain_key   text not null,
    name        text not null,
    period_ms     bigint not null check (period_ms > 0),
    first_due     timestamptz not null,
    next_due      timestamptz not null,
    -- Set while a silo delivers a tick: the tick is retried after it passes if that silo dies mid-delivery.
    claimed_until timestamptz,
    last_fired    timestamptz,
    version       bigint not null,
    primary key (service_id, grain_type, grain_key, name)
);

create index if not exists rt_reminders_due on rt_reminders (service_id, next_due);
