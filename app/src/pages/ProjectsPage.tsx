import { isAddressEqual } from "viem";
import { useConnection } from "wagmi";
import { Link } from "wouter";
import type { ProjectProfile } from "../data/documents.ts";
import type { Fetched } from "../data/metadata.ts";
import type { RegisteredProject } from "../data/projects.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useProjectProfiles } from "../hooks/useProject.ts";
import { useProjects } from "../hooks/useRegistry.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { ProjectLogo } from "../components/ProjectLogo.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";

/** The connected account's projects, a way to register one, and every project of the network. */
export function ProjectsPage() {
  const active = useActiveChain();
  const projects = useProjects();
  if (active === undefined) {
    return <p>This build of Hyphae has no deployment to show. Deploy the contracts and build the app again.</p>;
  }
  return (
    <>
      <section className="intro">
        <h1>Projects</h1>
        <p>
          Every project of the network on {active.chain.name}: its profile names what it does and where, and its payout
          address receives what rounds pay it. A project owner applies to rounds from the project's page.
        </p>
      </section>
      {firstReadError(projects) ? (
        <LoadError error={projects.error} what="the projects" />
      ) : projects.data === undefined ? (
        <Loading what="projects" />
      ) : (
        <ProjectLists projects={projects.data} />
      )}
    </>
  );
}

interface Row {
  project: RegisteredProject;
  fetched: Fetched<ProjectProfile> | undefined;
  profile: ProjectProfile | undefined;
  name: string;
}

function ProjectLists({ projects }: { projects: RegisteredProject[] }) {
  const { address: account, isConnected } = useConnection();
  const profiles = useProjectProfiles(projects);
  const rows: Row[] = projects.map((project, index) => {
    const fetched = profiles[index]?.data;
    const profile = fetched?.state === "verified" ? fetched.value : undefined;
    return { project, fetched, profile, name: profile?.name ?? `Project #${project.projectId}` };
  });
  const mine = account === undefined ? [] : rows.filter((row) => isAddressEqual(row.project.owner, account));
  return (
    <>
      <section aria-labelledby="mine-heading" className="project-section">
        <div className="list-header">
          <h2 id="mine-heading">Your projects</h2>
          {isConnected && (
            <Link href="/projects/new" className="button-primary">
              Register a project
            </Link>
          )}
        </div>
        {!isConnected ? (
          <p className="hint">Connect a wallet to see the projects it owns, register a new one, and apply to rounds.</p>
        ) : mine.length === 0 ? (
          <p className="empty">This account owns no project yet. Register one to apply to rounds.</p>
        ) : (
          <ul className="project-cards">
            {mine.map((row) => (
              <ProjectCard key={row.project.projectId.toString()} row={row} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="all-heading" className="project-section">
        <h2 id="all-heading">
          All projects <span className="count">{rows.length}</span>
        </h2>
        {rows.length === 0 ? (
          <p className="empty">No project has been registered yet.</p>
        ) : (
          <ul className="project-cards">
            {rows.map((row) => (
              <ProjectCard key={row.project.projectId.toString()} row={row} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ProjectCard({ row }: { row: Row }) {
  const { project, profile, fetched, name } = row;
  const place = [profile?.location?.place, profile?.location?.bioregion].filter(Boolean).join(" · ");
  return (
    <li className="card project-card" aria-label={name}>
      <ProjectLogo pointer={profile?.logo} name={name} size={48} />
      <div>
        <h3>
          <Link href={`/projects/${project.projectId}`}>{name}</Link>
        </h3>
        {place && <p className="eyebrow">{place}</p>}
        <DocumentProblem fetched={fetched} what="project profile" />
      </div>
    </li>
  );
}
