-- Synced searches and their runs. The sync itself (settings, watermark, schedule) is the sync grain's state; these
-- tables list a tenant's syncs (for the plan's search limit) and keep the run history. A running run's row is also
-- its checkpoint: it advances in the same transaction as each page it records, and names the activation that owns
-- the run, so a stale one (a silo declared dead that has not noticed yet) can no longer write.

create table if not exists ns_syncs (
    tenant_id      uuid not null,
    connection_id  uuid not null,
    search_id      text not null,
    name           text not null,
    created_at     timestamptz not null default now(),
    primary key (tenant_id, connection_id, search_id)
);

create sequence if not exists ns_sync_run_ids;

create table if not exists ns_sync_runs (
    tenant_id       uuid not null,
    connection_id   uuid not null,
    search_id       text not null,
    run_id          bigint not null default nextval('ns_sync_run_ids'),
    trigger         text not null,
    mode            text not null,
    status          text not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    modified_after  timestamptz,
    after_id        bigint,
    rows_read       bigint not null default 0,
    rows_inserted   bigint not null default 0,
    rows_updated    bigint not null default 0,
    rows_deleted    bigint not null default 0,
    pages           int not null default 0,
    page_count      int,
    retries         int not null default 0,
    resumes         int not null default 0,
    error           text,
    owner           uuid not null,
    primary key (tenant_id, connection_id, search_id, run_id)
);

select ecomops_tenant_isolation('ns_syncs');
select ecomops_tenant_isolation('ns_sync_runs');

grant select, insert, update, delete on ns_syncs, ns_sync_runs to ecomops_app;
grant usage on sequence ns_sync_run_ids to ecomops_app;
