import { LoginDocument, RegisterDocument, type UserErrorFieldsFragment } from '@strata/operations';
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { toSession } from './client.ts';
import { FieldErrors, ProblemOf } from './errors.tsx';
import { session } from './session.ts';

export function SignIn() {
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [userErrors, setUserErrors] = useState<readonly UserErrorFieldsFragment[]>([]);
  const [loginState, login] = useMutation(LoginDocument);
  const [registerState, register] = useMutation(RegisterDocument);
  const error = (mode === 'signIn' ? loginState : registerState).error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result =
      mode === 'signIn'
        ? (await login({ input: { email, password } })).data?.login
        : (await register({ input: { email, password, displayName } })).data?.register;
    setUserErrors(result?.userErrors ?? []);
    if (result?.auth) {
      session.set(toSession(result.auth));
    }
  };

  return (
    <form className="card sign-in" onSubmit={submit}>
      <h2>{mode === 'signIn' ? 'Sign in' : 'Create an account'}</h2>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <FieldErrors errors={userErrors} field="email" />
      <label>
        Password
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <FieldErrors errors={userErrors} field="password" />
      {mode === 'signUp' && (
        <>
          <label>
            Display name
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
          </label>
          <FieldErrors errors={userErrors} field="displayName" />
        </>
      )}
      <FieldErrors errors={userErrors} field={null} />
      <ProblemOf error={error} />
      <button type="submit" disabled={loginState.fetching || registerState.fetching}>
        {mode === 'signIn' ? 'Sign in' : 'Create account'}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(mode === 'signIn' ? 'signUp' : 'signIn');
          setUserErrors([]);
        }}
      >
        {mode === 'signIn' ? 'No account? Create one' : 'Have an account? Sign in'}
      </button>
    </form>
  );
}
