import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmModal } from '../components/ConfirmModal';
import { useT } from '../i18n';

/**
 * A form with unsaved edits asks before the page is left: another page of the app (a confirmation dialog), or a
 * reload, a closed tab or another site (the browser's own question). `release()` lets the next navigation through,
 * for the one that follows a successful save.
 */
export function useUnsavedChanges(dirty: boolean): { guard: ReactNode; release: () => void } {
  const t = useT();
  const released = useRef(false);
  const dirtyNow = useRef(dirty);
  dirtyNow.current = dirty;
  if (!dirty) released.current = false;

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyNow.current && !released.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const release = useCallback(() => {
    released.current = true;
  }, []);

  const guard = (
    <ConfirmModal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={t('unsaved.title')}
      confirmLabel={t('unsaved.leave')}
      onConfirm={() => blocker.proceed?.()}
    >
      {t('unsaved.text')}
    </ConfirmModal>
  );
  return { guard, release };
}
