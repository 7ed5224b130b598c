import path from 'node:path';
import { z } from 'zod';

/** The document formats the connector reads; each is an object of its data map. */
export const FILE_FORMATS = ['csv', 'tsv', 'xlsx', 'docx', 'pdf', 'txt', 'md', 'json', 'eml'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What erasing a person does to a document: rewrite it without them, remove it, move it aside, or ask a person. */
export type FileErasure = 'redact' | 'delete' | 'quarantine' | 'manual';

/** PDFs are never rewritten; DOCX rewriting could break a document a person relies on. */
export const REWRITABLE: ReadonlySet<FileFormat> = new Set(['csv', 'tsv', 'xlsx', 'txt', 'md', 'json', 'eml']);

export const DEFAULT_ERASURE: Record<FileFormat, FileErasure> = {
  csv: 'redact',
  tsv: 'redact',
  xlsx: 'redact',
  docx: 'manual',
  pdf: 'manual',
  txt: 'redact',
  md: 'redact',
  json: 'redact',
  eml: 'redact',
};

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

const absolutePath = z
  .string()
  .min(1)
  .refine((p) => path.isAbsolute(p), 'must be an absolute path, e.g. /mnt/share')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'must not contain ".." segments')
  .transform((p) => path.resolve(p));

const glob = z.string().min(1).max(500);

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const INTERVAL = /^[1-9]\d{0,5}[mhd]$/;
/** Minutes, hours or days, as Temporal reads them: `30m`, `1h`, `1d`. */
const crawlInterval = z
  .string()
  .trim()
  .regex(INTERVAL, 'a number of minutes, hours or days, e.g. 30m, 1h or 1d')
  .refine((every) => {
    if (!INTERVAL.test(every)) return true; // said above
    const ms = Number(every.slice(0, -1)) * UNIT_MS[every.slice(-1) as keyof typeof UNIT_MS];
    return ms >= 5 * UNIT_MS.m && ms <= 30 * UNIT_MS.d;
  }, 'between 5 minutes (5m) and 30 days (30d)');

export const DEFAULT_CRAWL_EVERY = '1h';

export const fileshareConfigSchema = z
  .strictObject(
    {
      /** Folders to index: local paths or mounted SMB/NFS shares. */
      roots: z.array(absolutePath).min(1, 'give at least one folder to index').max(50),
      /** Globs relative to a root, e.g. `**\/*.xlsx`; every supported file when absent. */
      include: z.array(glob).optional(),
      exclude: z.array(glob).optional(),
      maxFileBytes: z.number().int().positive().max(1024 * 1024 * 1024).default(DEFAULT_MAX_FILE_BYTES),
      erasure: z.partialRecord(z.enum(FILE_FORMATS), z.enum(['redact', 'delete', 'quarantine', 'manual'])).optional(),
      /** Where quarantined files go; outside every root, so they are not indexed again. */
      quarantineDir: absolutePath.optional(),
      /** How often the share is crawled again (changed files only). */
      crawlEvery: crawlInterval.default(DEFAULT_CRAWL_EVERY),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown setting ${issue.keys.join(', ')}; a file share takes roots, include, exclude, maxFileBytes, erasure, quarantineDir and crawlEvery`
          : undefined,
    },
  )
  .superRefine((config, ctx) => {
    for (const [format, erasure] of Object.entries(config.erasure ?? {})) {
      if (erasure === 'redact' && !REWRITABLE.has(format as FileFormat)) {
        ctx.addIssue({ code: 'custom', path: ['erasure', format], message: `${format.toUpperCase()} files are never rewritten: choose delete, quarantine or manual` });
      }
      if (erasure === 'quarantine' && !config.quarantineDir) {
        ctx.addIssue({ code: 'custom', path: ['quarantineDir'], message: `erasure.${format} is "quarantine": say where quarantined files go with quarantineDir` });
      }
    }
    const q = config.quarantineDir;
    if (q && config.roots.some((root) => q === root || q.startsWith(root + path.sep))) {
      ctx.addIssue({ code: 'custom', path: ['quarantineDir'], message: 'the quarantine folder must lie outside every root, or quarantined files would be indexed again' });
    }
  });

export type FileshareConfig = z.infer<typeof fileshareConfigSchema>;

/** A file share needs no credentials: the worker's own file permissions apply. */
export const fileshareSecretsSchema = z.strictObject({}, { error: () => 'a file share takes no secrets: the worker reads the share with its own permissions' });
export type FileshareSecrets = z.infer<typeof fileshareSecretsSchema>;

export function erasureOf(config: FileshareConfig, format: FileFormat): FileErasure {
  return config.erasure?.[format] ?? DEFAULT_ERASURE[format];
}

const EXTENSIONS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.xlsx': 'xlsx',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.txt': 'txt',
  '.text': 'txt',
  '.log': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.json': 'json',
  '.eml': 'eml',
};

export function formatOf(file: string): FileFormat | undefined {
  return EXTENSIONS[path.extname(file).toLowerCase()];
}
