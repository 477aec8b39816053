-- Saved-search data synced from NetSuite: rows as jsonb per (tenant, connection, search, internal id), the column
-- metadata once per search. Guarded by row-level security like every tenant table.

create table if not exists ns_dataset_columns (
    tenant_id      uuid not null,
    connection_id  uuid not null,
    search_id      text not null,
    columns        jsonb not null,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, connection_id, search_id)
);

create table if not exists ns_dataset_rows (
    tenant_id      uuid not null,
    connection_id  uuid not null,
    search_id      text not null,
    internal_id    bigint not null,
    values         jsonb not null,
    -- The sync run that last saw the row: a full sync deletes the rows it did not see.
    seen_in_run    bigint not null,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, connection_id, search_id, internal_id)
);

select ecomops_tenant_isolation('ns_dataset_columns');
select ecomops_tenant_isolation('ns_dataset_rows');

grant select, insert, update, delete on ns_dataset_columns, ns_dataset_rows to ecomops_app;
