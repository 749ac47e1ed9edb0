/**
 * Validation of the provider's ID token with `jose`, whatever openid-client already checked: the signature against
 * the provider's published keys (JWKS), the issuer, the audience (our client id), the expiry (a little clock skew
 * allowed) and the nonce of this login. A refusal says which check failed, for the audit log.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";

/** Asymmetric algorithms only: an `HS256` token would be "signed" with our own client secret. */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const CLOCK_TOLERANCE_S = 60;

export type IdTokenRefusal =
  | "bad_signature"
  | "wrong_issuer"
  | "wrong_audience"
  | "expired"
  | "nonce_missing"
  | "nonce_mismatch"
  | "invalid_token";

export interface IdTokenClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  keys: JWTVerifyGetKey;
  now?: Date;
}

export async function verifyIdToken(
  idToken: string,
  expected: IdTokenExpectations,
): Promise<{ ok: true; claims: IdTokenClaims } | { ok: false; reason: IdTokenRefusal }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ["sub", "exp", "iat"],
      currentDate: expected.now,
    }));
  } catch (error) {
    return { ok: false, reason: refusalOf(error) };
  }
  if (typeof payload.nonce !== "string") return { ok: false, reason: "nonce_missing" };
  if (payload.nonce !== expected.nonce) return { ok: false, reason: "nonce_mismatch" };
  // A token from several audiences must name us as its authorized party (OpenID Connect Core 3.1.3.7).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    return { ok: false, reason: "wrong_audience" };
  }
  if (typeof payload.sub !== "string" || payload.sub.length === 0) return { ok: false, reason: "invalid_token" };
  return {
    ok: true,
    claims: {
      subject: payload.sub,
      email: typeof payload.email === "string" ? payload.email : null,
      // Some providers send the string "true"; only an explicit yes counts.
      emailVerified: payload.email_verified === true || payload.email_verified === "true",
      name: typeof payload.name === "string" ? payload.name : null,
    },
  };
}

function refusalOf(error: unknown): IdTokenRefusal {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "bad_signature";
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "wrong_issuer";
    if (error.claim === "aud") return "wrong_audience";
  }
  return "invalid_token";
}

/**
 * The refusal of openid-client's own checks of the token response (it compares issuer, audience, expiry and nonce
 * before we see the token): the same reasons as ours where it names the claim, else null (a provider error).
 */
export function refusalOfGrantError(error: unknown): IdTokenRefusal | null {
  // openid-client's ClientError carries the code; its cause (oauth4webapi's error) the message and the claim.
  const { code, cause } = error as { code?: unknown; cause?: { message?: unknown; cause?: { claim?: unknown } } };
  const claim = cause?.cause?.claim;
  const message = typeof cause?.message === "string" ? cause.message : "";
  if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" && claim === "exp") return "expired";
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
    if (claim === "iss") return "wrong_issuer";
    if (claim === "aud") return "wrong_audience";
    if (claim === "nonce") return "nonce_mismatch";
  }
  if (code === "OAUTH_INVALID_RESPONSE" && message.includes('"nonce"')) return "nonce_missing";
  return null;
}
