import { sql, type Kysely } from 'kysely';

// Sign-in limits per address + email, per address and per email (issue 10.7), replacing the per-email
// lockout: a stranger's failures must not lock the owner out. Old failure rows are only transient state.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table login_failures;
    create table login_counters (
      scope text not null check (scope in ('pair', 'address', 'email')),
      key text not null,
      failures integer not null default 0,
      last_failure_at timestamptz,
      last_success_at timestamptz,
      primary key (scope, key)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table login_counters;
    create table login_failures (
      email text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    );
  `.execute(db);
}
