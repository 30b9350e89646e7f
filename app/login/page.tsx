import { pageTitle } from '../_i18n/page-title';
import { LoginForm } from './login-form';

export const generateMetadata = pageTitle('login');

export default function LoginPage() {
  return <LoginForm />;
}
