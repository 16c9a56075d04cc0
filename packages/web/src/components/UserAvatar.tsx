import { Avatar, type AvatarProps } from '@mantine/core';
import type { User } from '@parley/protocol';
import { fullName, initials } from '../lib/format';

type Props = Omit<AvatarProps, 'src' | 'alt' | 'children'> & {
  user: Pick<User, 'firstName' | 'lastName' | 'photoUrl'>;
};

/** The user's photo, or their initials when there is none. */
export function UserAvatar({ user, ...props }: Props) {
  return (
    <Avatar src={user.photoUrl} alt={fullName(user)} color="indigo" radius="xl" {...props}>
      {initials(user)}
    </Avatar>
  );
}
