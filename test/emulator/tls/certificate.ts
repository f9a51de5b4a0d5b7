/** The emulator's self-signed TLS certificate: generated once with openssl, then reused from disk. */
import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

const runFile = promisify(execFile);

/** A certificate and its private key as PEM, plus the absolute path of the certificate file. */
export interface EmulatorCertificate {
  certPem: string;
  keyPem: string;
  /** Absolute path of the PEM certificate, for NODE_EXTRA_CA_CERTS or `tlsOptions.ca`. */
  caFile: string;
}

/** The names every client reaches the emulator by: loopback, and the Entra host it proxies. */
export const CERTIFICATE_NAMES = ['IP Address:127.0.0.1', 'DNS:localhost', 'DNS:login.microsoftonline.com'] as const;

const CERT_FILE = 'emulator-cert.pem';
const KEY_FILE = 'emulator-key.pem';
const VALIDITY_DAYS = 825;
/** A certificate this close to its expiry is replaced rather than reused. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * Returns the certificate stored in `dir` (e.g. `<repo>/.emulator/`, git-ignored), generating a new
 * self-signed one with /usr/bin/openssl when none is there, it lacks a required name or expires soon.
 * Concurrent callers are safe: a new pair is written to a temporary folder and renamed into place.
 */
export async function ensureCertificate(dir: string): Promise<EmulatorCertificate> {
  const absoluteDir = path.resolve(dir);
  const existing = await readUsableCertificate(absoluteDir);
  if (existing) {
    return existing;
  }
  await mkdir(absoluteDir, { recursive: true });
  const workDir = await mkdtemp(path.join(absoluteDir, 'cert-'));
  try {
    await runFile('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256',
      '-days', String(VALIDITY_DAYS),
      '-subj', '/CN=ASR failback Azure emulator',
      '-keyout', path.join(workDir, KEY_FILE),
      '-out', path.join(workDir, CERT_FILE),
      '-addext', `subjectAltName=${CERTIFICATE_NAMES.join(',').replaceAll('IP Address:', 'IP:')}`,
      '-addext', 'extendedKeyUsage=serverAuth',
    ]);
    // The key first: a reader that finds the certificate then also finds its key.
    await rename(path.join(workDir, KEY_FILE), path.join(absoluteDir, KEY_FILE));
    await rename(path.join(workDir, CERT_FILE), path.join(absoluteDir, CERT_FILE));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const created = await readUsableCertificate(absoluteDir);
  if (!created) {
    throw new Error(`openssl did not produce a usable certificate in ${absoluteDir}`);
  }
  return created;
}

async function readUsableCertificate(dir: string): Promise<EmulatorCertificate | undefined> {
  const caFile = path.join(dir, CERT_FILE);
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([readFile(caFile, 'utf8'), readFile(path.join(dir, KEY_FILE), 'utf8')]);
  } catch {
    return undefined;
  }
  try {
    const certificate = new X509Certificate(certPem);
    const names = (certificate.subjectAltName ?? '').split(', ');
    const coversAllNames = CERTIFICATE_NAMES.every((name) => names.includes(name));
    const stillValid = Date.parse(certificate.validTo) - Date.now() > RENEW_BEFORE_MS;
    const matchesKey = certificate.checkPrivateKey(createPrivateKey(keyPem));
    return coversAllNames && stillValid && matchesKey ? { certPem, keyPem, caFile } : undefined;
  } catch {
    return undefined;
  }
}
