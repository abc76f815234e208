"""PostgreSQL: the pool, migrations and one query module per area. All SQL of EX7 lives here."""
