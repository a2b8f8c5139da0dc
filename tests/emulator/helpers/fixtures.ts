// Ids from the built-in seed (the same data as examples/offboard-one/seed.yaml).
export const ALICE = "46e5374665ba4b679ee22e2a2927abcd";
export const BOB = "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02";
export const CAROL = "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03";
/** The `admin` user: an organisation admin, and the owner of the Marketing workspace. */
export const ADMIN = "0a9b8c7d6e5f40312a3b4c5d6e7f8a04";
export const COMPANY = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001";
export const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";
export const SALES = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003";
export const SALES_EAST = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80004";
export const UNKNOWN_USER = "00000000000000000000000000000000";

/** The form of a RequestId: an upper-case UUID. */
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
