package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"zugong/internal/access"
	"zugong/internal/app"
	"zugong/internal/auth"
)

// runUser manages accounts from the server's shell. It acts as the
// operator, with full scope; every change is audited under the operator's
// operating-system login.
func runUser(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("user: want create, reset-password or grant")
	}
	sub, rest := args[0], args[1:]
	var do func(ctx context.Context, env *cmdEnv, a *app.App, o *userOpts) error
	switch sub {
	case "create":
		do = userCreate
	case "reset-password":
		do = userResetPassword
	case "grant":
		do = userGrant
	default:
		return fmt.Errorf("user: unknown subcommand %q (want create, reset-password or grant)", sub)
	}
	var o userOpts
	if _, err := env.parse("user "+sub, rest, o.register); err != nil {
		return helpIsNoError(err)
	}
	a, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = access.With(ctx, access.Operator(osUser()))
	return do(ctx, env, a, &o)
}

type userOpts struct {
	login, name, org, phone, role, scope string
	passwordStdin                        bool
}

func (o *userOpts) register(fs *flag.FlagSet) {
	fs.StringVar(&o.login, "login", "", "account login")
	fs.StringVar(&o.name, "name", "", "display name (create)")
	fs.StringVar(&o.org, "org", "", "home organisation ID (create)")
	fs.StringVar(&o.phone, "phone", "", "mobile number (create, optional)")
	fs.StringVar(&o.role, "role", "", "role to grant (create, grant): "+roleList())
	fs.StringVar(&o.scope, "scope", "", "organisation ID the role covers (default: the home organisation)")
	fs.BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from standard input instead of generating one")
}

func roleList() string {
	names := make([]string, len(access.Roles))
	for i, r := range access.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

func userCreate(ctx context.Context, env *cmdEnv, a *app.App, o *userOpts) error {
	if o.login == "" || o.name == "" || o.org == "" {
		return fmt.Errorf("user create: --login, --name and --org are required")
	}
	password, generated, err := o.password()
	if err != nil {
		return err
	}
	u, err := a.Users.Create(ctx, auth.NewUser{Login: o.login, Name: o.name, HomeOrgID: o.org, Phone: o.phone, Password: password})
	if err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "created %s (%s)\n", u.Login, u.ID)
	if o.role != "" {
		scope := o.scope
		if scope == "" {
			scope = o.org
		}
		if _, err := a.Users.Grant(ctx, u.ID, access.Role(o.role), scope); err != nil {
			return describe(a, err)
		}
		fmt.Fprintf(env.stdout, "granted %s over %s\n", o.role, scope)
	}
	if generated {
		// A generated password is a one-time password: the account must
		// choose its own at first sign-in.
		if err := a.Users.ResetPassword(ctx, u.ID, password); err != nil {
			return describe(a, err)
		}
		fmt.Fprintf(env.stdout, "one-time password: %s\n", password)
	}
	return nil
}

func userResetPassword(ctx context.Context, env *cmdEnv, a *app.App, o *userOpts) error {
	id, err := a.Users.IDByLogin(ctx, o.login)
	if err != nil {
		return describe(a, err)
	}
	password, generated, err := o.password()
	if err != nil {
		return err
	}
	if err := a.Users.ResetPassword(ctx, id, password); err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "password of %s reset; it must be changed at the next sign-in\n", o.login)
	if generated {
		fmt.Fprintf(env.stdout, "one-time password: %s\n", password)
	}
	return nil
}

func userGrant(ctx context.Context, env *cmdEnv, a *app.App, o *userOpts) error {
	if o.role == "" || o.scope == "" {
		return fmt.Errorf("user grant: --login, --role and --scope are required")
	}
	id, err := a.Users.IDByLogin(ctx, o.login)
	if err != nil {
		return describe(a, err)
	}
	if _, err := a.Users.Grant(ctx, id, access.Role(o.role), o.scope); err != nil {
		return describe(a, err)
	}
	fmt.Fprintf(env.stdout, "granted %s to %s over %s\n", o.role, o.login, o.scope)
	return nil
}

// password reads the password from standard input, or generates one.
func (o *userOpts) password() (string, bool, error) {
	if o.passwordStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", false, fmt.Errorf("read password: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	return generatePassword(), true, nil
}

var stdin io.Reader = os.Stdin

// generatePassword makes a 14-character password that meets the policy:
// groups of letters and digits joined by hyphens, with an upper-case letter.
func generatePassword() string {
	const lower, upper, digits = "abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"
	pick := func(set string) byte {
		b := make([]byte, 1)
		rand.Read(b)
		return set[int(b[0])%len(set)]
	}
	var sb strings.Builder
	for g := 0; g < 3; g++ {
		if g > 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(pick(upper))
		sb.WriteByte(pick(lower))
		sb.WriteByte(pick(lower))
		sb.WriteByte(pick(digits))
	}
	return sb.String()
}

// describe turns a domain error into words for the shell, in Chinese, the
// default locale, with the field names an operator typed.
func describe(a *app.App, err error) error {
	return fmt.Errorf("%s", app.Describe(a.Catalog, err))
}
