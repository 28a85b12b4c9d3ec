export const b64u = buf => Buffer.from(buf).toString('base64url');
export const fromB64u = s => Buffer.from(s, 'base64url');
