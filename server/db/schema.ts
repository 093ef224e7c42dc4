// Row types of every table, as Kysely sees them. One interface per table, snake_case like the SQL.
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CategoriesTable {
  id: string;
  parent_id: string | null;
  name_zh: string;
  name_en: string;
  position: number;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DemoSeedTable {
  singleton: Generated<boolean>;
  seeded_at: Generated<Date>;
}

export interface DB {
  categories: CategoriesTable;
  demo_seed: DemoSeedTable;
  schema_migrations: SchemaMigrationsTable;
}

export type { Generated, Timestamp };
