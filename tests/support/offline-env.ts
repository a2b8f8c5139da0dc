// Loaded by mocha before any spec (see .mocharc.json). The Alibaba Cloud credentials chain would
// otherwise read the developer's real ~/.aliyun profile or call the ECS metadata service at
// 100.100.100.200; tests must stay on 127.0.0.1 and never see a real credential.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CANARY_SECRET_ENV } from "./canaries";
import { RUN_TEMP_DIR } from "./run-temp-dir";

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
// npm keeps its cache under HOME; the packaging test installs from that cache with --offline.
process.env.npm_config_cache ??= join(process.env.HOME ?? tmpdir(), ".npm");
// Go keeps its build and module caches under HOME too (Go's defaults, kept before HOME moves): the
// Go example's tests would otherwise compile the Pulumi Go SDK from nothing, about 9 minutes, on
// every run, instead of reusing what scripts/native-toolchain compiled.
process.env.GOCACHE ??= join(
  process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? tmpdir(), ".cache"),
  "go-build",
);
process.env.GOPATH ??= join(process.env.HOME ?? tmpdir(), "go");
process.env.HOME = mkdtempSync(join(RUN_TEMP_DIR, "home-"));
for (const name of [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_CREDENTIALS_URI",
  "ALIBABA_CLOUD_PROFILE",
  "ALICLOUD_ACCESS_KEY",
  "ALICLOUD_SECRET_KEY",
  "ALICLOUD_SECURITY_TOKEN",
  "QUICKBI_ENDPOINT",
]) {
  delete process.env[name];
}
// Canary secrets for the whole run, inherited by every process the suite starts; alone they form no
// credential (see CANARY_SECRET_ENV), and canary-scan.ts fails the run if one ever shows up.
Object.assign(process.env, CANARY_SECRET_ENV);
