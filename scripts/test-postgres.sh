#!/usr/bin/env bash
# Starts the machine's PostgreSQL if it is not running and creates the test role and database
# (idempotent). Prints the TEST_DATABASE_URL that `npm test` uses by default.
# Needs root or the postgres account: run as `sudo scripts/test-postgres.sh` elsewhere.
set -euo pipefail

ROLE=mmpa
PASSWORD=mmpa
DATABASE=mmpa_test

as_postgres() {
	if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
}

if ! pg_isready -q -h localhost; then
	if command -v pg_ctlcluster >/dev/null && pg_lsclusters -h | grep -q .; then
		read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
		pg_ctlcluster "$version" "$cluster" start
	else
		service postgresql start
	fi
	for _ in $(seq 1 30); do pg_isready -q -h localhost && break; sleep 1; done
	pg_isready -h localhost
fi

as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres <<SQL
do \$\$ begin
	if not exists (select from pg_roles where rolname = '$ROLE') then
		create role $ROLE login password '$PASSWORD';
	end if;
end \$\$;
SQL
if ! as_postgres psql -Atq -d postgres -c "select 1 from pg_database where datname = '$DATABASE'" | grep -q 1; then
	# The C collation compares and sorts text byte by byte, as SQLite does.
	as_postgres createdb --owner="$ROLE" --template=template0 --locale=C --encoding=UTF8 "$DATABASE"
fi

echo "postgres://$ROLE:$PASSWORD@localhost:5432/$DATABASE"
