import{t as e}from"./jsx-runtime-Wy9s6hX0.js";import{i as t,l as n,n as r,o as i}from"./usePageTitle-D7wztDxw.js";import{t as a}from"./useTranslation-C_P0klXE.js";var o=i(`
  query Viewer {
    me {
      id
      name
      email
      role
      dealer {
        id
        code
        name
        tier
        status
        creditLimit
        paymentTermsDays
      }
    }
  }
`);function s(){return n({query:o})}var c=e();function l(){let{t:e}=a();return(0,c.jsx)(`p`,{className:`state`,role:`status`,children:e(`state.loading`)})}function u({error:e,onRetry:n}){let{t:i}=a(),o=[...new Set(t(e).map(e=>r(i,e)))];return(0,c.jsxs)(`div`,{className:`state state-error`,role:`alert`,children:[(0,c.jsx)(`p`,{className:`state-title`,children:i(`state.errorTitle`)}),o.map((e,t)=>(0,c.jsx)(`p`,{children:e},t)),n&&(0,c.jsx)(`button`,{type:`button`,className:`button`,onClick:n,children:i(`state.retry`)})]})}function d({children:e}){return(0,c.jsx)(`p`,{className:`state state-empty`,children:e})}function f(e,t){let n=/^(-?)(\d+)(?:\.(\d+))?$/.exec(e.trim());if(!n)return e;let[,r,i,a]=n;return r+new Intl.NumberFormat(t,{useGrouping:!0}).format(BigInt(i))+(a===void 0?``:`.`+a)}function p(e,t){let n=new Date(e);return Number.isNaN(n.getTime())?e:new Intl.DateTimeFormat(t,{dateStyle:`medium`,timeStyle:`short`}).format(n)}export{l as a,u as i,p as n,s as o,d as r,f as t};