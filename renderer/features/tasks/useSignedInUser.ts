import type { User } from '../../../common/domain/user';
import { useSession } from '../../state/sessionStore';

/** The signed-in user, or null (screens under SignedIn always have one). */
export function useSignedInUser(): User | null {
  const snapshot = useSession();
  return snapshot.phase === 'ready' && snapshot.session.status === 'signed_in'
    ? snapshot.session.user
    : null;
}
