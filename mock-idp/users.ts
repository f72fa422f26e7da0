/**
 * The users who can log in: those from config, then `fakeUsers.count` more generated with a
 * seeded faker (same seed, same users, every run).
 */
import { createHash } from 'node:crypto'
import type { MockIdpConfig, UserConfig } from './config/schema.js'

export interface User {
  username: string
  password: string
  sub: string
  claims: Record<string, unknown>
}

export class UserDirectory {
  readonly #byUsername = new Map<string, User>()
  readonly #bySub = new Map<string, User>()

  constructor(users: User[]) {
    for (const user of users) {
      this.#byUsername.set(user.username, user)
      this.#bySub.set(user.sub, user)
    }
  }

  static async fromConfig(config: MockIdpConfig): Promise<UserDirectory> {
    const configured = config.users.map(toUser)
    const generated = await generateUsers(
      config.fakeUsers.count,
      config.fakeUsers.seed,
      config.fakeUsers.passwordPrefix,
    )
    const taken = new Set(configured.map((user) => user.username))
    return new UserDirectory([...configured, ...generated.filter((user) => !taken.has(user.username))])
  }

  byUsername(username: string): User | undefined {
    return this.#byUsername.get(username)
  }

  bySub(sub: string): User | undefined {
    return this.#bySub.get(sub)
  }

  all(): User[] {
    return [...this.#byUsername.values()]
  }
}

function toUser(user: UserConfig): User {
  return {
    username: user.username,
    password: user.password,
    sub: user.sub ?? derivedSub(user.username),
    claims: user.claims,
  }
}

/** A stable, opaque subject (OIDC Core §2: "locally unique and never reassigned"). */
export function derivedSub(username: string): string {
  return createHash('sha256').update(`codeflow-sub:${username}`).digest('hex').slice(0, 24)
}

export async function generateUsers(count: number, seed: string, passwordPrefix: string): Promise<User[]> {
  if (count === 0) return []
  // Loaded only when asked for: faker is the largest module the mock could load at start-up.
  const { faker } = await import('@faker-js/faker/locale/en')
  faker.seed([...createHash('sha256').update(seed).digest()].slice(0, 8))
  const users: User[] = []
  const usernames = new Set<string>()
  for (let i = 0; users.length < count && i < count * 10; i++) {
    const givenName = faker.person.firstName()
    const familyName = faker.person.lastName()
    const username = faker.internet.username({ firstName: givenName, lastName: familyName }).toLowerCase()
    if (usernames.has(username)) continue
    usernames.add(username)
    users.push({
      username,
      password: `${passwordPrefix}${username}`,
      sub: derivedSub(username),
      claims: {
        name: `${givenName} ${familyName}`,
        given_name: givenName,
        family_name: familyName,
        preferred_username: username,
        email: faker.internet.email({ firstName: givenName, lastName: familyName }).toLowerCase(),
        email_verified: faker.datatype.boolean(),
        locale: 'en-US',
        zoneinfo: faker.location.timeZone(),
        phone_number: faker.phone.number({ style: 'international' }),
        phone_number_verified: false,
        birthdate: faker.date
          .birthdate({ mode: 'age', min: 18, max: 80, refDate: '2025-01-01T00:00:00Z' })
          .toISOString()
          .slice(0, 10),
        updated_at: 1700000000,
      },
    })
  }
  return users
}
