'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { sectionOfPath } from '@/lib/admin/sections';
import { cn } from '@/lib/ui/cn';

export interface SidebarLink {
  id: string;
  href: string;
  label: string;
}

// The console's <main> (app/admin/(console)/layout.tsx), also the skip link's target.
const MAIN_ID = 'admin-main';

/**
 * The console's banner landmark and navigation: a sidebar from the md breakpoint, a "Menu" disclosure above the page
 * on narrower screens (closed again after each navigation, and by Escape). `footer` holds the user, the locale
 * switcher and sign-out (server-rendered).
 */
export function AdminSidebar({ title, links, navLabel, menuLabel, footer }: { title: string; links: readonly SidebarLink[]; navLabel: string; menuLabel: string; footer: ReactNode }) {
  const pathname = usePathname();
  const current = sectionOfPath(pathname);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  // Closed again after each navigation: adjusted while rendering (state that follows a prop).
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }

  // At phone width the followed link disappears with the menu, which would drop focus on <body>:
  // start again at the page's content, as a full page load would (main outlives the navigation).
  const followed = () => {
    if (!open) return;
    setOpen(false);
    document.getElementById(MAIN_ID)?.focus();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    menuButton.current?.focus();
  };

  return (
    <header onKeyDown={closeOnEscape} className="border-b border-border bg-surface md:sticky md:top-0 md:flex md:h-dvh md:w-64 md:shrink-0 md:flex-col md:border-e md:border-b-0">
      <div className="flex items-center justify-between gap-3 px-4 py-3 md:py-5">
        <Link href="/admin" className="rounded-sm text-base font-semibold tracking-tight text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
          {title}
        </Link>
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex h-9 items-center gap-2 rounded-control border border-input px-3 text-sm font-medium text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring md:hidden"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path fillRule="evenodd" clipRule="evenodd" d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75ZM2 10a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z" />
          </svg>
          {menuLabel}
        </button>
      </div>
      <div id={panelId} className={cn('flex-col gap-4 overflow-y-auto px-3 pt-1 pb-4 md:flex md:flex-1', open ? 'flex' : 'hidden')}>
        <nav aria-label={navLabel}>
          <ul className="flex flex-col gap-0.5" data-testid="admin-nav">
            {links.map((link) => {
              const active = link.id === current;
              return (
                <li key={link.id}>
                  <Link
                    href={link.href}
                    data-section={link.id}
                    aria-current={active ? 'page' : undefined}
                    onClick={followed}
                    className={cn(
                      'block rounded-control px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                      active ? 'bg-muted text-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground',
                    )}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="mt-auto flex flex-col gap-3 border-t border-border px-1 pt-4">{footer}</div>
      </div>
    </header>
  );
}
