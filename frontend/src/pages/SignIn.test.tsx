import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SignInPage } from './SignIn';
import { ME, mockApi, renderApp } from '../test/utils';

describe('Sign in', () => {
  it('asks for both fields with an error summary linked to them', async () => {
    mockApi({});
    renderApp(<SignInPage />, { path: '/sign-in', route: '/sign-in' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter your username');
    expect(summary).toHaveTextContent('Enter your password');
    expect(screen.getByRole('link', { name: 'Enter your username' })).toHaveAttribute('href', '#username');
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says when the password is wrong', async () => {
    mockApi({ 'POST /api/v1/auth/token': () => ({ status: 401, body: { title: 'Not signed in', status: 401, detail: 'bad' } }) });
    renderApp(<SignInPage />, { path: '/sign-in', route: '/sign-in' });
    await userEvent.type(screen.getByLabelText('Username'), 'owner');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The username or password is not right');
  });

  it('signs in with a form-encoded password grant, keeps the token in sessionStorage and goes back where it was', async () => {
    const { calls } = mockApi({
      'POST /api/v1/auth/token': { access_token: 'jwt', token_type: 'bearer', expires_in: 3600 },
      'GET /api/v1/auth/me': ME.owner!,
    });
    renderApp(<SignInPage />, { path: '/sign-in', route: '/sign-in?next=%2Findicators%2F31&expired=1' });
    expect(screen.getByTestId('session-expired')).toHaveTextContent('Your session has ended');
    await userEvent.type(screen.getByLabelText('Username'), 'owner');
    await userEvent.type(screen.getByLabelText('Password'), 'goldenthread-demo');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/indicators/31'));
    const token = calls.find((c) => c.path === '/api/v1/auth/token')!;
    expect(token.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(String(token.body)).toContain('grant_type=password');
    expect(token.headers.get('x-requested-with')).toBe('goldenthread-web');
    expect(sessionStorage.getItem('gt.session')).toContain('jwt');
    expect(localStorage.length).toBe(0);
  });

  it('never follows a next link off the site', async () => {
    mockApi({
      'POST /api/v1/auth/token': { access_token: 'jwt', token_type: 'bearer', expires_in: 3600 },
      'GET /api/v1/auth/me': ME.owner!,
    });
    renderApp(<SignInPage />, { path: '/sign-in', route: '/sign-in?next=%2F%2Fevil.example' });
    await userEvent.type(screen.getByLabelText('Username'), 'owner');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
  });
});
