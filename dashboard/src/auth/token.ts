// Reads the caller's name and roles from the JWT (no verification here: the API verifies every call; the
// UI only uses the roles to hide what the API would refuse anyway).

export type Role = 'viewer' | 'operator' | 'admin';

export interface Identity {
  user: string;
  roles: Set<Role>;
  expiresAt: number | null;
}

function decodePart(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const json = decodeURIComponent(
    Array.from(atob(padded))
      .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
      .join(''),
  );
  return JSON.parse(json);
}

function rolesClaim(claims: Record<string, unknown>): string[] {
  // the platform's own tokens carry "roles"; Keycloak-style ones realm_access.roles
  const direct = claims.roles;
  if (Array.isArray(direct)) return direct.map(String);
  const realm = claims.realm_access as { roles?: unknown } | undefined;
  if (realm && Array.isArray(realm.roles)) return realm.roles.map(String);
  return [];
}

/** admin implies operator implies viewer, as platform-commons' Roles.HIERARCHY. */
export function identityOf(token: string): Identity {
  const claims = decodePart(token.split('.')[1] ?? '');
  const roles = new Set<Role>();
  for (const role of rolesClaim(claims).map((r) => r.toLowerCase())) {
    if (role === 'admin') roles.add('admin').add('operator').add('viewer');
    if (role === 'operator') roles.add('operator').add('viewer');
    if (role === 'viewer') roles.add('viewer');
  }
  const user = String(claims.preferred_username ?? claims.sub ?? 'unknown');
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  return { user, roles, expiresAt: exp };
}
