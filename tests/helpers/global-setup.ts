/** vitest globalSetup: one migrated database for every test file of the run (tests/helpers/migrated-template.ts). */
import type { TestProject } from "vitest/node";
import {
  createPostgresTemplate,
  dropPostgresTemplate,
  removePgliteTemplate,
  writePgliteTemplate,
} from "./migrated-template";

export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = await createPostgresTemplate(serverUrl);
    project.provide("postgresTemplate", name);
    return () => dropPostgresTemplate(serverUrl, name);
  }
  const file = await writePgliteTemplate();
  project.provide("pgliteTemplate", file);
  return () => removePgliteTemplate(file);
}
