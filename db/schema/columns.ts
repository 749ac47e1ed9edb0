import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** Column helpers shared by every schema module. */
export const id = () => uuid().notNull();
export const orgId = () => uuid().notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const version = () => integer().notNull().default(1);
