import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{o,t as s,u as c}from"./usePageTitle-CNuGqkbR.js";import{_ as l,a as u,g as d,h as f,m as p}from"./index-BQF-CtQ0.js";import{n as m}from"./format-DyU-Atiu.js";var h=e(t(),1),g=n(),_=20,v=[`OPEN`,`INVESTIGATING`,`RESOLVED`,`DISMISSED`],y=[`HIGH`,`MEDIUM`,`LOW`],b=o(`
  query ConflictCases(
    $status: ConflictStatus
    $severity: ConflictSeverity
    $overdue: Boolean
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    conflictCases(
      status: $status
      severity: $severity
      overdue: $overdue
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          number
          kind
          severity
          status
          summary
          dueOn
          overdue
          lastActivityAt
          territory {
            id
            name
          }
          parties {
            id
            name
          }
        }
      }
    }
  }
`);function x(e,t){return t&&e.includes(t)?t:null}function S({status:e}){let{t}=a();return(0,g.jsx)(`span`,{className:`badge case-${e.toLowerCase()}`,children:t(`conflictStatus.${e}`)})}function C(){let{t:e,i18n:t}=a(),[{data:n}]=l(),o=n?.me.role!==`DEALER`,C=e(o?`conflicts.deskTitle`:`conflicts.title`);s(C);let w=(0,h.useId)(),[T,E]=r(),D=x(v,T.get(`status`)),O=x(y,T.get(`severity`)),k=T.get(`overdue`)===`1`,A=T.get(`after`),j=T.get(`before`),M={status:D,severity:O,overdue:k||null,...j?{last:_,before:j}:{first:_,after:A??null}},[{data:N,error:P,fetching:F},I]=c({query:b,variables:M}),L=e=>{let t={status:D,severity:O,overdue:k?`1`:void 0,...e},n={};for(let[e,r]of Object.entries(t))r&&(n[e]=r);E(n)},R=N?.conflictCases,z=(R?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,g.jsxs)(`section`,{"aria-labelledby":`conflicts-title`,children:[(0,g.jsxs)(`div`,{className:`page-head`,children:[(0,g.jsx)(`h1`,{id:`conflicts-title`,children:C}),(0,g.jsx)(i,{className:`button button-primary`,to:`/conflicts/new`,"data-link":`new-case`,children:e(`conflicts.report`)})]}),(0,g.jsx)(`p`,{className:`lead`,children:e(o?`conflicts.deskIntro`:`conflicts.intro`)}),(0,g.jsxs)(`div`,{className:`filter`,children:[(0,g.jsx)(`label`,{htmlFor:`${w}-status`,children:e(`conflicts.status`)}),(0,g.jsxs)(`select`,{id:`${w}-status`,value:D??``,onChange:e=>L({status:e.target.value}),children:[(0,g.jsx)(`option`,{value:``,children:e(`conflicts.allStatuses`)}),v.map(t=>(0,g.jsx)(`option`,{value:t,children:e(`conflictStatus.${t}`)},t))]}),(0,g.jsx)(`label`,{htmlFor:`${w}-severity`,children:e(`conflicts.severity`)}),(0,g.jsxs)(`select`,{id:`${w}-severity`,value:O??``,onChange:e=>L({severity:e.target.value}),children:[(0,g.jsx)(`option`,{value:``,children:e(`conflicts.allSeverities`)}),y.map(t=>(0,g.jsx)(`option`,{value:t,children:e(`conflictSeverity.${t}`)},t))]}),(0,g.jsxs)(`label`,{className:`check`,children:[(0,g.jsx)(`input`,{type:`checkbox`,checked:k,onChange:e=>L({overdue:e.target.checked?`1`:void 0})}),` `,e(`conflicts.overdueOnly`)]})]}),F&&!N?(0,g.jsx)(d,{}):P&&!N?(0,g.jsx)(f,{error:P,onRetry:()=>I({requestPolicy:`network-only`})}):z.length?(0,g.jsxs)(g.Fragment,{children:[(0,g.jsx)(`p`,{className:`count`,children:e(`conflicts.count`,{count:R?.totalCount??0})}),(0,g.jsxs)(`table`,{className:`table conflict-cases`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.number`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.summary`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.parties`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.severity`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.status`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.dueOn`)}),(0,g.jsx)(`th`,{scope:`col`,children:e(`conflicts.lastActivity`)})]})}),(0,g.jsx)(`tbody`,{children:z.map(n=>(0,g.jsxs)(`tr`,{"data-case":n.number,className:n.overdue?`overdue`:void 0,children:[(0,g.jsx)(`th`,{scope:`row`,"data-label":e(`conflicts.number`),className:`mono`,children:(0,g.jsx)(i,{to:`/conflicts/${encodeURIComponent(n.id)}`,children:n.number})}),(0,g.jsxs)(`td`,{"data-label":e(`conflicts.summary`),children:[(0,g.jsx)(`span`,{className:`muted`,children:e(`conflictKind.${n.kind}`)}),` `,n.summary]}),(0,g.jsx)(`td`,{"data-label":e(`conflicts.parties`),children:n.parties.map(e=>e.name).join(`, `)}),(0,g.jsx)(`td`,{"data-label":e(`conflicts.severity`),children:(0,g.jsx)(`span`,{className:`badge severity-${n.severity.toLowerCase()}`,children:e(`conflictSeverity.${n.severity}`)})}),(0,g.jsx)(`td`,{"data-label":e(`conflicts.status`),children:(0,g.jsx)(S,{status:n.status})}),(0,g.jsxs)(`td`,{"data-label":e(`conflicts.dueOn`),children:[n.dueOn,` `,n.overdue&&(0,g.jsx)(`span`,{className:`badge badge-terminated`,children:e(`conflicts.overdue`)})]}),(0,g.jsx)(`td`,{"data-label":e(`conflicts.lastActivity`),children:m(n.lastActivityAt,t.language)})]},n.id))})]}),R&&(0,g.jsx)(u,{pageInfo:R.pageInfo,onPage:e=>L({after:e.after,before:e.before})})]}):(0,g.jsx)(p,{children:e(`conflicts.empty`)})]})}export{y as CONFLICT_SEVERITIES,v as CONFLICT_STATUSES,S as CaseStatus,b as ConflictCasesQuery,C as Conflicts};