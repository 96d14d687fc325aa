import { ValidateBy, type ValidationOptions } from 'class-validator';

/** An absolute http:// or https:// URL (what the fetcher accepts), without embedded credentials. */
export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: (value: unknown) => isHttpUrl(value),
        defaultMessage: (args) => `${args?.property ?? 'url'} must be an absolute http:// or https:// URL`,
      },
    },
    options,
  );
}

export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !!url.hostname;
  } catch {
    return false;
  }
}
