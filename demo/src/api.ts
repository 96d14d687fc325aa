/** A small JSON client of the product's API, signed in as one person (signs in again when the token expires). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    route: string,
  ) {
    super(`${route} answered ${status}: ${body.slice(0, 300)}`);
  }
}

export class ApiSession {
  private token: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    private readonly password: string,
  ) {}

  async signIn(): Promise<this> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: this.email, password: this.password }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new ApiError(res.status, text, `sign-in of ${this.email}`);
    this.token = (JSON.parse(text) as { accessToken: string }).accessToken;
    return this;
  }

  async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    if (!this.token) await this.signIn();
    let res = await this.send(method, route, body);
    if (res.status === 401) {
      await this.signIn();
      res = await this.send(method, route, body);
    }
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text, `${method} ${route}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(route: string): Promise<T> {
    return this.call<T>('GET', route);
  }

  private send(method: string, route: string, body: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}/api${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
